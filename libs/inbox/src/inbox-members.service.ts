import { Injectable } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import { InboxMembersRepository, type InboxMember } from './inbox-members.repository.js';
import { InboxesService } from './inboxes.service.js';

export interface InboxMemberList {
  items: InboxMember[];
}

@Injectable()
export class InboxMembersService {
  constructor(
    private readonly members: InboxMembersRepository,
    private readonly inboxes: InboxesService,
    private readonly access: InboxAccessService,
  ) {}

  async list(user: AuthUser, inboxId: string): Promise<InboxMemberList> {
    await this.inboxes.findOrThrow(inboxId);
    await this.access.assertAccess(user, inboxId);
    return { items: await this.members.list(inboxId) };
  }

  async replace(inboxId: string, userIds: string[]): Promise<InboxMemberList> {
    await this.members.replace(inboxId, [...new Set(userIds)]);
    return { items: await this.members.list(inboxId) };
  }

  async add(inboxId: string, userId: string): Promise<InboxMemberList> {
    await this.inboxes.findOrThrow(inboxId);
    await this.members.add(inboxId, userId);
    return { items: await this.members.list(inboxId) };
  }

  /** Removing someone who is not a member changes nothing. */
  async remove(inboxId: string, userId: string): Promise<void> {
    await this.inboxes.findOrThrow(inboxId);
    await this.members.remove(inboxId, userId);
  }
}

import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { attachments, InjectDb, messages, type Attachment, type Db } from '@app/db';

export interface AttachmentWithInbox {
  attachment: Attachment;
  inboxId: string;
}

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The attachment and the inbox its message belongs to, which decides who may read it. */
  async findWithInbox(id: string): Promise<AttachmentWithInbox | undefined> {
    const [row] = await this.db
      .select({ attachment: attachments, inboxId: messages.inboxId })
      .from(attachments)
      .innerJoin(messages, eq(messages.id, attachments.messageId))
      .where(eq(attachments.id, id))
      .limit(1);
    return row;
  }
}

import { Injectable } from '@nestjs/common';
import { notFound, type ListQuery } from '@app/common';
import type { Team } from '@app/db';
import type { CreateTeamInput, UpdateTeamInput } from './dto/teams.dto.js';
import { TeamsRepository, type TeamMember } from './teams.repository.js';

export interface TeamWithMembers extends Team {
  members: TeamMember[];
}

@Injectable()
export class TeamsService {
  constructor(private readonly teams: TeamsRepository) {}

  list(query: ListQuery) {
    return this.teams.list(query);
  }

  async get(id: string): Promise<TeamWithMembers> {
    const team = await this.requireTeam(id);
    return { ...team, members: await this.teams.members(id) };
  }

  async create(input: CreateTeamInput): Promise<TeamWithMembers> {
    const team = await this.teams.create(input);
    return { ...team, members: [] };
  }

  async update(id: string, input: UpdateTeamInput): Promise<TeamWithMembers> {
    const team = await this.teams.update(id, input);
    if (!team) throw notFound('entity.team', id);
    return { ...team, members: await this.teams.members(id) };
  }

  async delete(id: string): Promise<void> {
    if (!(await this.teams.delete(id))) throw notFound('entity.team', id);
  }

  /** Makes the team's members exactly `userIds`; nothing changes when any id is unknown. */
  async replaceMembers(id: string, userIds: string[]): Promise<TeamWithMembers> {
    await this.requireTeam(id);
    const unique = [...new Set(userIds)];
    await this.requireUsers(unique);
    await this.teams.replaceMembers(id, unique);
    return this.get(id);
  }

  async addMember(id: string, userId: string): Promise<TeamWithMembers> {
    await this.requireTeam(id);
    await this.requireUsers([userId]);
    await this.teams.addMember(id, userId);
    return this.get(id);
  }

  async removeMember(id: string, userId: string): Promise<void> {
    await this.requireTeam(id);
    await this.teams.removeMember(id, userId);
  }

  private async requireTeam(id: string): Promise<Team> {
    const team = await this.teams.findById(id);
    if (!team) throw notFound('entity.team', id);
    return team;
  }

  private async requireUsers(userIds: string[]) {
    const [unknown] = await this.teams.unknownUserIds(userIds);
    if (unknown) throw notFound('entity.user', unknown);
  }
}

import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuditLogController } from './audit-log.controller.js';
import { TeamsController } from './teams.controller.js';
import { TeamsRepository } from './teams.repository.js';
import { TeamsService } from './teams.service.js';
import { UsersController } from './users.controller.js';
import { UserDirectoryRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Users, teams, API keys and the audit log over REST. */
@Module({
  controllers: [UsersController, TeamsController, ApiKeysController, AuditLogController],
  providers: [UserDirectoryRepository, UsersService, TeamsRepository, TeamsService, ApiKeysRepository, ApiKeysService],
  exports: [TeamsService],
})
export class UsersModule {}

import { Module } from '@nestjs/common';
import { HelpCenterService } from './help-center.service.js';
import { HelpPagesController } from './help-pages.controller.js';
import { KbArticlesRepository } from './kb-articles.repository.js';
import { KbCategoriesRepository } from './kb-categories.repository.js';
import { KnowledgeController } from './knowledge.controller.js';
import { KnowledgeDemo } from './knowledge-demo.js';
import { KnowledgeService } from './knowledge.service.js';

/**
 * Knowledge base: categories and Markdown articles in Russian and English, full-text search with
 * each language's stemming, suggestions for the agent's reply, and the public help center at /help.
 * Needs InboxModule (global) for the conversations suggestions are made for.
 */
@Module({
  controllers: [KnowledgeController, HelpPagesController],
  providers: [KbCategoriesRepository, KbArticlesRepository, KnowledgeService, HelpCenterService, KnowledgeDemo],
  exports: [KnowledgeService, KnowledgeDemo],
})
export class KnowledgeModule {}

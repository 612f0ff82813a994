import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import { CurrentUser, Roles, type AuthUser } from '@app/auth';
import { ApiZodBody, ApiZodQuery, idSchema } from '@app/common';
import {
  createArticleSchema,
  createCategorySchema,
  listArticlesSchema,
  previewSchema,
  searchArticlesSchema,
  suggestionsQuerySchema,
  updateArticleSchema,
  updateCategorySchema,
  type CreateArticleInput,
  type CreateCategoryInput,
  type ListArticlesQuery,
  type PreviewInput,
  type SearchArticlesQuery,
  type UpdateArticleInput,
  type UpdateCategoryInput,
} from './dto/knowledge.dto.js';
import { KnowledgeService } from './knowledge.service.js';
import { originOf } from './request-origin.js';

@ApiTags('knowledge')
@Controller('knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get('categories')
  @ApiOperation({ summary: 'Every category in display order, with its number of articles (drafts included).' })
  async categories() {
    return { items: await this.knowledge.listCategories() };
  }

  @Post('categories')
  @Roles('admin', 'supervisor')
  @ApiZodBody(createCategorySchema)
  @ApiOperation({ summary: 'Create a category; the slug is made from the name when omitted.' })
  createCategory(@Body({ schema: createCategorySchema }) body: CreateCategoryInput) {
    return this.knowledge.createCategory(body);
  }

  @Patch('categories/:id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateCategorySchema)
  @ApiOperation({ summary: 'Change a category.' })
  updateCategory(@Param('id', { schema: idSchema }) id: string, @Body({ schema: updateCategorySchema }) body: UpdateCategoryInput) {
    return this.knowledge.updateCategory(id, body);
  }

  @Delete('categories/:id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category; its articles stay, without a category.' })
  async deleteCategory(@Param('id', { schema: idSchema }) id: string) {
    await this.knowledge.deleteCategory(id);
  }

  @Get('articles')
  @ApiZodQuery(listArticlesSchema)
  @ApiOperation({ summary: 'Articles, drafts included, newest first; q searches title, summary and body; filters by category, status and language.' })
  listArticles(@Query({ schema: listArticlesSchema }) query: ListArticlesQuery) {
    return this.knowledge.listArticles(query);
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One article with its Markdown body and, when published, its public link.' })
  getArticle(@Req() req: Request, @Param('id', { schema: idSchema }) id: string) {
    return this.knowledge.getArticle(id, originOf(req));
  }

  @Post('articles')
  @Roles('admin', 'supervisor')
  @ApiZodBody(createArticleSchema)
  @ApiOperation({ summary: 'Create an article (Markdown body, language ru or en, draft or published); the slug is made from the title when omitted.' })
  createArticle(@Req() req: Request, @CurrentUser() user: AuthUser, @Body({ schema: createArticleSchema }) body: CreateArticleInput) {
    return this.knowledge.createArticle(user, body, originOf(req));
  }

  @Patch('articles/:id')
  @Roles('admin', 'supervisor')
  @ApiZodBody(updateArticleSchema)
  @ApiOperation({ summary: 'Change an article; publishing it puts it on the public help center.' })
  updateArticle(@Req() req: Request, @Param('id', { schema: idSchema }) id: string, @Body({ schema: updateArticleSchema }) body: UpdateArticleInput) {
    return this.knowledge.updateArticle(id, body, originOf(req));
  }

  @Delete('articles/:id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an article.' })
  async deleteArticle(@Param('id', { schema: idSchema }) id: string) {
    await this.knowledge.deleteArticle(id);
  }

  @Get('search')
  @ApiZodQuery(searchArticlesSchema)
  @ApiOperation({ summary: 'Full-text search with Russian and English stemming, best first; parts of words match too. locale narrows to one language; published=true leaves drafts out.' })
  search(@Query({ schema: searchArticlesSchema }) query: SearchArticlesQuery) {
    return this.knowledge.search(query);
  }

  @Get('suggestions')
  @ApiZodQuery(suggestionsQuerySchema)
  @ApiOperation({ summary: "Up to three published articles that answer the customer's last message in the conversation, with their public links." })
  suggestions(@Req() req: Request, @CurrentUser() user: AuthUser, @Query({ schema: suggestionsQuerySchema }) query: z.output<typeof suggestionsQuerySchema>) {
    return this.knowledge.suggestions(user, query.conversationId, originOf(req));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiZodBody(previewSchema)
  @ApiOperation({ summary: 'Render a Markdown body to the sanitized HTML the help center shows (the editor preview).' })
  preview(@Body({ schema: previewSchema }) body: PreviewInput) {
    return this.knowledge.preview(body.body);
  }
}

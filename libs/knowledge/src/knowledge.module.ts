import { Module } from '@nestjs/common';

/** Knowledge base: articles, categories, search, public help pages. */
@Module({})
export class KnowledgeModule {}

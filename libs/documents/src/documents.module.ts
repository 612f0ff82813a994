import { Module } from '@nestjs/common';

/** Document templates rendered to PDF for deals. */
@Module({})
export class DocumentsModule {}

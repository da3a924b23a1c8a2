import { Module } from '@nestjs/common';
import { InvoicesRepository } from './invoices.repository';

@Module({ providers: [InvoicesRepository] })
export class AppModule {}

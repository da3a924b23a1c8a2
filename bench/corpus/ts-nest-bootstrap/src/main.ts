import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  // expect: permissive-cors
  const app = await NestFactory.create(AppModule, { cors: true });
  await app.listen(3000);
}

async function bootstrapAdmin() {
  const admin = await NestFactory.create(AppModule);
  // ok: permissive-cors
  admin.enableCors({ origin: process.env.ADMIN_ORIGIN?.split(',') ?? [], credentials: true });
  await admin.listen(3001);
}

bootstrap();
bootstrapAdmin();

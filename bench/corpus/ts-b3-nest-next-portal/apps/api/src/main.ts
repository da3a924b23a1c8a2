import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as cookieParser from 'cookie-parser';
import { AppModule } from './app.module';

async function bootstrap() {
  // expect: permissive-cors
  const app = await NestFactory.create(AppModule, { cors: { origin: true, credentials: true } });
  app.use(cookieParser());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true }));
  app.setGlobalPrefix('api');
  await app.listen(process.env.PORT ?? 4000);
}

async function bootstrapPublicApi() {
  const app = await NestFactory.create(AppModule);
  const origins = (process.env.PUBLIC_API_ORIGINS ?? '').split(',').filter(Boolean);
  // ok: permissive-cors
  app.enableCors({ origin: origins, methods: ['GET'] });
  await app.listen(process.env.PUBLIC_PORT ?? 4001);
}

async function bootstrapPartnerApi() {
  const app = await NestFactory.create(AppModule);
  // expect: permissive-cors
  app.enableCors({
    origin: (origin: string | undefined, callback: (err: Error | null, allow?: boolean) => void) => {
      callback(null, true);
    },
    credentials: true,
  });
  await app.listen(process.env.PARTNER_PORT ?? 4002);
}

bootstrap();
if (process.env.ENABLE_PUBLIC_API === 'true') bootstrapPublicApi();
if (process.env.ENABLE_PARTNER_API === 'true') bootstrapPartnerApi();

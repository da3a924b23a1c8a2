import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { PublicModule } from './public.module';

// Second entry point: pricing API used by the marketing site.
async function bootstrap() {
  const app = await NestFactory.create(PublicModule);
  const config = app.get(ConfigService);
  // ok: permissive-cors
  app.enableCors({
    origin: config.get<string>('PRICING_ORIGINS', '').split(','),
    methods: ['GET'],
  });
  await app.listen(config.get<number>('PORT', 3001));
}
bootstrap();

import { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Stripe from 'stripe';

export const STRIPE_CLIENT = 'STRIPE_CLIENT';

export const stripeProvider: Provider = {
  provide: STRIPE_CLIENT,
  inject: [ConfigService],
  useFactory: (config: ConfigService) =>
    // ok: hardcoded-secret
    new Stripe(config.getOrThrow<string>('STRIPE_SECRET_KEY'), { apiVersion: '2024-06-20' }),
};

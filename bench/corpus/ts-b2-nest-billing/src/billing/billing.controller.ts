import { Controller, Get, Headers, Inject, Param } from '@nestjs/common';
import Stripe from 'stripe';
import { STRIPE_CLIENT } from './stripe.provider';

@Controller('billing')
export class BillingController {
  constructor(@Inject(STRIPE_CLIENT) private readonly stripe: Stripe) {}

  @Get('customers/:id')
  async customer(@Param('id') id: string, @Headers('authorization') auth: string) {
    return this.stripe.customers.retrieve(id);
  }
}

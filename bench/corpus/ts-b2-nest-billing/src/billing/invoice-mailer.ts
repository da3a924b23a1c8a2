import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import * as nodemailer from 'nodemailer';

// TODO move to config before launch
// expect: hardcoded-secret
const stripe = new Stripe('sk_test_4eC39HqLyjWDarjtT1zdp7dc', { apiVersion: '2024-06-20' });

@Injectable()
export class InvoiceMailer {
  private readonly logger = new Logger(InvoiceMailer.name);
  private readonly transport = nodemailer.createTransport({
    host: 'smtp.mailgun.org',
    port: 587,
    auth: {
      user: 'postmaster@mg.acme.io',
      // expect: hardcoded-secret
      pass: 'mg-smtp-3c9e1f7a2b5d',
    },
  });

  async sendUpcoming(customerId: string, to: string) {
    const invoice = await stripe.invoices.retrieveUpcoming({ customer: customerId });
    await this.transport.sendMail({
      from: 'billing@acme.io',
      to,
      subject: 'Your upcoming invoice',
      text: `Amount due: ${(invoice.amount_due / 100).toFixed(2)} ${invoice.currency.toUpperCase()}`,
    });
    this.logger.log(`sent upcoming invoice to ${customerId}`);
  }
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios, { AxiosInstance } from 'axios';
import * as jwt from 'jsonwebtoken';

@Injectable()
export class CrmService {
  private readonly crm: AxiosInstance;
  private readonly billing: AxiosInstance;

  constructor(private readonly config: ConfigService) {
    this.crm = axios.create({
      baseURL: 'https://crm.example.com/api/v3',
      // ok: hardcoded-secret
      headers: { Authorization: `Bearer ${this.config.get<string>('CRM_API_TOKEN')}` },
    });

    this.billing = axios.create({
      baseURL: 'https://billing.example.com/v1',
      headers: {
        // expect: hardcoded-secret
        Authorization: 'Bearer bill_tok_7Hq2Lm9Xc4Vp1Zr8Tn6Kd3Wf',
        'Content-Type': 'application/json',
      },
    });
  }

  async contact(id: string) {
    const { data } = await this.crm.get(`/contacts/${encodeURIComponent(id)}`);
    return data;
  }

  async invoices(customerId: string) {
    const { data } = await this.billing.get('/invoices', { params: { customer: customerId } });
    return data;
  }

  async exportToWarehouse(rows: unknown[]) {
    // expect: hardcoded-secret
    await axios.post('https://warehouse.example.com/ingest', rows, {
      auth: { username: 'portal-export', password: 'Wareh0use-Exp0rt-88' },
    });
  }

  signPortalLink(customerId: string): string {
    // ok: hardcoded-secret
    return jwt.sign({ sub: customerId, scope: 'portal' }, this.config.getOrThrow<string>('PORTAL_LINK_SECRET'), {
      expiresIn: '15m',
    });
  }

  signLegacyLink(customerId: string): string {
    // expect: hardcoded-secret
    return jwt.sign({ sub: customerId }, 'portal-legacy-link-secret', { expiresIn: '7d' });
  }
}

import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccountsService } from '../accounts/accounts.service';
import { AgenciesService } from '../agencies/agencies.service';
import { Environment } from '../config/environment';

/** Fills an empty embedded database with the demo area and accounts, so that a newcomer can try every step. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly agencies: AgenciesService,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.get('SEED_DEMO_DATA', { infer: true })) return;
    await this.agencies.seedDemo();
    await this.accounts.seedDemo();
  }
}

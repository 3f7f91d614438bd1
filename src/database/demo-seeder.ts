import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AgenciesService } from '../agencies/agencies.service';
import { Environment } from '../config/environment';

/** Fills an empty embedded database with the demo area, so that a newcomer can try every step. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly agencies: AgenciesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('SEED_DEMO_DATA', { infer: true })) await this.agencies.seedDemo();
  }
}

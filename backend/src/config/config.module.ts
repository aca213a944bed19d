import { DynamicModule, Global, Module } from '@nestjs/common';
import { TriplineConfig } from './tripline-config';

export const TRIPLINE_CONFIG = Symbol('TRIPLINE_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: TriplineConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: TRIPLINE_CONFIG, useValue: config }],
      exports: [TRIPLINE_CONFIG],
    };
  }
}

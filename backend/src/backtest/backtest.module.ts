import { Module } from '@nestjs/common';
import { PlaybooksModule } from '../playbooks/playbooks.module';
import { ScoringModule } from '../scoring/scoring.module';
import { BacktestResolver } from './backtest.resolver';
import { BacktestService } from './backtest.service';
import { BacktestSources } from './backtest-sources';

/** The `backtest` query: drafts replayed over stored history with @tripline/scoring's runBacktest(). See README.md. */
@Module({
  imports: [PlaybooksModule, ScoringModule],
  providers: [BacktestSources, BacktestService, BacktestResolver],
})
export class BacktestModule {}

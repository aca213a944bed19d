import { defineSignal } from '@temporalio/workflow';
import {
  CHANGE_CLOSED_SIGNAL,
  CHANGE_LEVEL_ADVANCED_SIGNAL,
  type ChangeClosedSignal,
  type ChangeLevelAdvancedSignal,
} from '@tripline/playbook';

/** The API (through its outbox): a level completed and the next one opened. */
export const changeLevelAdvancedSignal = defineSignal<[ChangeLevelAdvancedSignal]>(CHANGE_LEVEL_ADVANCED_SIGNAL);

/** The API (through its outbox): the request closed (published, rejected, recalled, superseded). */
export const changeClosedSignal = defineSignal<[ChangeClosedSignal]>(CHANGE_CLOSED_SIGNAL);

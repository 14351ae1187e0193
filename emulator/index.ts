/**
 * The offline Apps Script environment: see README.md in this folder.
 */
import { Emulator, type EmulatorOptions } from './emulator';

export { Emulator, Execution } from './emulator';
export type { BundleCodeOptions, EmulatorOptions, EmulatorState } from './emulator';
export {
  insufficientScopes,
  methodRow,
  readManifest,
  ScopeLedger,
  SCOPES,
  tableKinds,
  unconfirmed,
} from './scopes';
export type { Manifest, MethodRow } from './scopes';
export type { ServiceGlobals } from './globals';
export type { EditSpec, TriggerOutcome } from './events';
export { CallCounter } from './calls';
export { Clock } from './clock';
export { UiLog } from './ui';
export { createScriptRunBridge, invokeServerFunction, publicFunctionNames } from './bridge';
export type { ScriptRun, ScriptRunNull, ScriptRunReply } from './bridge';
export { runInParallel } from './parallel';
export type { ParallelRun, ParallelOutcome } from './parallel';
export type { ExecutionKind } from './execution';
export type { SentMail } from './mail';
export type { FetchRequest, FetchReply, UrlFetchHandler } from './urlfetch';
export { EmulatedSpreadsheet } from './spreadsheet';
export { StateSnapshot } from './snapshot';

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  return new Emulator(opts);
}

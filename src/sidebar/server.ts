/**
 * The sidebar's only way to the server: google.script.run, wrapped in a promise.
 * https://developers.google.com/apps-script/guides/html/reference/run — the call is
 * asynchronous; its argument and result may only be primitives, plain objects and arrays
 * (no Date), and a server exception reaches the failure handler as an Error.
 */
import type { ServerApi, ServerCall } from '../shared/formApi';

type Calls = { [K in ServerCall]: (...args: Parameters<ServerApi[K]>) => void };

/** What HtmlService injects as `google.script.run` (the part this sidebar uses). */
export interface ScriptRun extends Calls {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

/** Calls a server function; rejects with an Error when it throws or cannot be reached. */
export function callServer<K extends ServerCall>(
  name: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new Error('google.script.run is not available'));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) =>
        reject(error instanceof Error ? error : new Error(String(error))),
      );
    (runner[name] as (...a: typeof args) => void)(...args);
  });
}

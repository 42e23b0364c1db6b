/**
 * Work a page starts and does not wait for. The pages that must not tell whether an email has an
 * account ("forgot password", "new verification link", sign-up, the second-step help request) answer
 * first and do the account's work after, so a known and an unknown email take the same time.
 * Every task is awaited when the server closes; a failure is logged, never lost silently.
 * Past `limit` tasks in flight, new ones run before the answer again: slower, never unbounded.
 */
export class BackgroundWork {
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly limit = 200,
  ) {}

  /**
   * Runs `task` once the current answer is on its way (setImmediate runs after the reply is written).
   * Returns a promise only when too many tasks are running: then the caller awaits it first.
   */
  start(task: () => Promise<unknown>): Promise<void> | undefined {
    const run = new Promise<void>((resolve) => {
      setImmediate(() => {
        task().then(
          () => resolve(),
          (error: unknown) => {
            this.onError(error);
            resolve();
          },
        );
      });
    });
    if (this.#running.size >= this.limit) return run;
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
    return undefined;
  }

  /** Resolves once every task started so far has finished (server close; tests). */
  async drain(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}

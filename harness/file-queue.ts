/**
 * Files written in the background: `write` hands the content to Node's thread pool (a few files
 * at a time), so the next stack's program runs while the disk works, and `drain` waits for them
 * all and rejects with the first failure. `plan` writes every recording through one.
 */
import * as fs from "node:fs";

/** Where a run's files go: written at once (`fs.writeFileSync`) or queued (`FileQueue`). */
export interface FileSink {
  write(file: string, content: string): void;
}

export const SYNC_FILES: FileSink = { write: (file, content) => fs.writeFileSync(file, content) };

export class FileQueue implements FileSink {
  private readonly pending: [string, string][] = [];
  private next = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private idle: (() => void)[] = [];

  constructor(private readonly limit = 8) {}

  write(file: string, content: string): void {
    this.pending.push([file, content]);
    this.pump();
  }

  /** Resolves once every file queued so far is written; rejects with the first failure. */
  drain(): Promise<void> {
    const settled = () => (this.failure ? Promise.reject(this.failure) : Promise.resolve());
    if (!this.inFlight && this.next === this.pending.length) return settled();
    return new Promise<void>((resolve) => this.idle.push(resolve)).then(settled);
  }

  private pump(): void {
    while (this.inFlight < this.limit && this.next < this.pending.length) {
      const i = this.next++;
      const [file, content] = this.pending[i]!;
      // The content is let go as soon as it is handed over.
      this.pending[i] = ["", ""];
      this.inFlight++;
      const written = (err: Error | null) => {
        this.inFlight--;
        if (err && !this.failure) this.failure = err;
        this.pump();
        if (!this.inFlight && this.next === this.pending.length) for (const r of this.idle.splice(0)) r();
      };
      try {
        fs.writeFile(file, content, written);
      } catch (err) {
        // A path Node refuses outright (a NUL in it) throws here instead of calling back.
        written(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}

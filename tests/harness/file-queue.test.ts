/** The background writer of plan's files: everything queued is written before drain resolves. */
import * as fs from "node:fs";
import * as path from "node:path";
import { FileQueue } from "../../harness/file-queue";
import { tempDir } from "../helpers/cli";

describe("FileQueue", () => {
  it("writes every file queued, with its content, before drain resolves", async () => {
    const dir = tempDir();
    const q = new FileQueue(3);
    for (let i = 0; i < 50; i++) q.write(path.join(dir, `f${i}`), `content ${i}\n`);
    await q.drain();
    expect(fs.readdirSync(dir)).toHaveLength(50);
    for (let i = 0; i < 50; i++)
      expect(fs.readFileSync(path.join(dir, `f${i}`), "utf8")).toBe(`content ${i}\n`);
    // Drained and idle: drain again resolves at once, and new writes still go out.
    await q.drain();
    q.write(path.join(dir, "late"), "late");
    await q.drain();
    expect(fs.readFileSync(path.join(dir, "late"), "utf8")).toBe("late");
  });

  it("rejects drain with the first failure, after the other files are written", async () => {
    const dir = tempDir();
    const q = new FileQueue(2);
    q.write(path.join(dir, "a"), "a");
    q.write(path.join(dir, "missing", "b"), "b");
    q.write(path.join(dir, "c"), "c");
    await expect(q.drain()).rejects.toThrow(/ENOENT.*missing/);
    expect(fs.readdirSync(dir).sort()).toEqual(["a", "c"]);
  });

  it("settles on a path Node refuses before writing (a NUL in it)", async () => {
    const dir = tempDir();
    const q = new FileQueue();
    q.write(path.join(dir, "bad\0name"), "x");
    q.write(path.join(dir, "ok"), "ok");
    await expect(q.drain()).rejects.toThrow(/null bytes/);
    expect(fs.readFileSync(path.join(dir, "ok"), "utf8")).toBe("ok");
  });
});

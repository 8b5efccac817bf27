/** The project's files on disk: where Pulumi.yaml is, which stack settings files exist. */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The directory holding Pulumi.yaml (this repository's root): the nearest one above this module,
 * wherever it runs from (its source in lib/, or a bundle in out/.build/).
 */
export const PROJECT_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..");
  }
})();

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Stack names of the `Pulumi.<stack>.yaml` files in a directory, sorted. */
export function listStackFiles(dir: string = PROJECT_ROOT): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** Path of a stack's settings file (`.yaml` preferred over `.yml`). */
export function stackFilePath(stack: string, dir: string = PROJECT_ROOT): string {
  const yaml = path.join(dir, `Pulumi.${stack}.yaml`);
  const yml = path.join(dir, `Pulumi.${stack}.yml`);
  return fs.existsSync(yaml) || !fs.existsSync(yml) ? yaml : yml;
}

import { runProgram } from "./harness/engine";
async function main() {
  for (const s of ["us-prod", "us-prod", "eu-prod", "us-dev"]) {
    const t0 = Date.now();
    const r = await runProgram(s);
    console.log(s, r.resources.length, Date.now() - t0, "ms");
  }
}
main();

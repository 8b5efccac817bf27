// Entry point of the Pulumi program (`pulumi up --stack <environment>`). See program.ts.
import { main } from "./program";

export = main();

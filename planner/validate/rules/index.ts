/**
 * The rule registry, in the order rules run and are printed. A new rule is a new file in this
 * folder and one line here; a rule that relies on others names them in `requires`.
 */
import type { Rule } from "../types";
import { addons } from "./addons";
import { dataStores } from "./data-stores";
import { environments } from "./environments";
import { envVars } from "./env-vars";
import { hostsUnique } from "./hosts";
import { kinds } from "./kinds";
import { monitoring } from "./monitoring";
import { names } from "./names";
import { needsAcyclic, needsKnown, needsSelf } from "./needs";
import { objectives } from "./objectives";
import { placement } from "./placement";
import { ports } from "./ports";
import { replicas } from "./replicas";
import { reserved } from "./reserved";
import { schema, values } from "./schema";
import { secrets } from "./secrets";
import { shape } from "./shape";
import { stackFiles } from "./stack-files";
import { tls } from "./tls";
import { workloads } from "./workloads";

export const RULES: readonly Rule[] = [
  schema,
  values,
  shape,
  kinds,
  reserved,
  environments,
  names,
  needsKnown,
  needsSelf,
  needsAcyclic,
  placement,
  hostsUnique,
  tls,
  secrets,
  envVars,
  replicas,
  ports,
  workloads,
  objectives,
  monitoring,
  stackFiles,
  addons,
  dataStores,
];

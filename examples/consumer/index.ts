// `pulumi up` in examples/consumer: `pulumi config set platformStack acme/ecommerce-platform/us-prod`.
import * as pulumi from "@pulumi/pulumi";
import { consumer } from "./consumer";

export = consumer(new pulumi.Config().require("platformStack"));

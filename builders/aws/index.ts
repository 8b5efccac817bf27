/**
 * AWS builders: the data layer plan rendered as AWS resource arguments. Pure: @pulumi/aws and
 * @pulumi/pulumi are imported for their types only.
 */
export * from "./bucket";
export * from "./common";
export * from "./identity";
export * from "./kafka";
export * from "./kms";
export * from "./mail";
export * from "./network";
export * from "./postgres";
export * from "./redis";
export * from "./search";

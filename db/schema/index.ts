export * from "./audit";
export * from "./auth";
export * from "./catalog";
export * from "./enums";
export * from "./orders";
export * from "./sign-in";
export * from "./stock";
export * from "./sync";

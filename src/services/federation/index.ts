/** Publish helpers: services call these inside their transaction to enqueue ActivityPub deliveries. */
export * from "./statuses";
export * from "./interactions";
export * from "./accounts";
export { sendToAccounts, sendToFollowers, remoteIds, hasRemoteFollowers } from "./send";
export * from "./reports";

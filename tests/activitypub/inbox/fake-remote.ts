/**
 * The fake ActivityPub server of the inbox tests: the rig's one fake remote server
 * (tests/rig/fake-remote.ts), re-exported under the path these tests import.
 */
export { FakeRemote, type FakeActor, type Received } from "../../rig/fake-remote";

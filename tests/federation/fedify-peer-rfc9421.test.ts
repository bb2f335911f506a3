/** Hearth ⇄ Fedify peer signing RFC 9421 HTTP Message Signatures (scenarios in fedify-peer-suite.ts). */
import { peerSuite } from "./fedify-peer-suite";

peerSuite("rfc9421");

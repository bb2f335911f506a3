/** Imports every job handler so each registers itself with defineJob. Append new handler files here. */
import "./media";
import "./polls";
import "./streaming";
import "./inbox";
import "./deref";
import "./delivery";
import "./scheduled-statuses";
import "./feeds";

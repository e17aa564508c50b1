// Entry of the gallery page (index.html): it only needs the offline cache, the cards are written by the build.
import {registerOffline} from "./offline.ts";

registerOffline();

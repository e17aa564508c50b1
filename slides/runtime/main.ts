// Entry of every deck page (slides/runtime/page.html): the content is in the page, the behaviour is shared. A phone
// held upright (or a link with ?view=reading) gets the deck as an article; everything else gets the slides.
import {createDeck, createReadingPage} from "./deck.ts";
import {registerOffline} from "./offline.ts";
import {wantsReadingView} from "./reading-view.ts";

void (wantsReadingView(location.search, window.innerWidth) ? createReadingPage() : createDeck());
registerOffline();

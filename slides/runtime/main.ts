// Entry of every deck page (slides/runtime/page.html): the content is in the page, the behaviour is shared.
import {createDeck} from "./deck.ts";

void createDeck();

// Entry of the demo gallery (demos.html): one card per demo of the registry and per example of each, live.
import "./demo-gallery.css";
import {demoIds, loadDemo} from "../../../demos/index.ts";
import {sharedEngine} from "../../../demos/runtime/engine-client.ts";
import {examplesOf} from "../../../demos/runtime/examples.ts";
import {readDemoLinks} from "../demo-links.ts";
import {registerOffline} from "../offline.ts";
import {prefersReducedMotion} from "../view.ts";
import {cardKey, demoCard, type CardOptions} from "./card.ts";
import {onlyIds, readUses} from "./page-data.ts";
import {visibilityWatch} from "./visibility.ts";

const uses = readUses(document);
const links = readDemoLinks(location.search);
const ids = onlyIds(location.search) ?? demoIds;
const shared = {engine: sharedEngine, reducedMotion: prefersReducedMotion(), watch: visibilityWatch(window)};
const cards = document.querySelector(".demo-cards")!;
const index = document.querySelector(".demo-index")!;
const loads: Promise<unknown>[] = [];

for (const id of ids) {
  const group = document.createElement("section");
  group.className = "demo-group";
  cards.append(group);
  const load = loadDemo(id);
  const card = (options: Partial<CardOptions> = {}) => {
    const key = cardKey(id, options.example);
    return demoCard(document, {id, load, link: links.get(key), uses: uses[id] ?? [], ...shared, ...options});
  };
  group.append(card().element);
  const entry = document.createElement("a");
  entry.href = `#${id}`;
  entry.textContent = id;
  index.append(entry);
  const examples = load.then(
    (spec) => {
      for (const example of examplesOf(spec)) group.append(card({example}).element);
    },
    () => {} // the card shows the error
  );
  loads.push(examples);
}
if (ids.length === 0) cards.textContent = "No demo asked for: ?only= names none.";
// Every card is on the page (examples come once their demo has loaded): the end-to-end check waits for this.
void Promise.allSettled(loads).then(() => (document.body.dataset.cards = "ready"));
registerOffline();

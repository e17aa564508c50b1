import {describe, expect, it} from "vitest";
import dataGallery, {readoutOf, viewOf} from "../../demos/data-gallery.ts";
import {resolveOptions} from "../../demos/runtime/options.ts";
import {nearestPoints} from "../../engine/metrics/nearest.ts";
import {defaults} from "../../engine/options/schema.ts";
import {trainingData} from "../../engine/tasks/data-gallery-data.ts";
import {loadTheme} from "./theme.ts";

loadTheme();

describe("data-gallery demo", () => {
  const options = resolveOptions(dataGallery.options, {n: "120", seed: "2"});
  const state = defaults(dataGallery.state);
  const frame = dataGallery.snapshot!(options, state);

  it("the page's still: the seeded data, no model, copies on training points, distances as computed independently", () => {
    const {training, fresh} = trainingData(options);
    expect([...frame.training]).toEqual([...training]);
    expect([...frame.fresh]).toEqual([...fresh]);
    expect(frame.hasModel).toBe(false);
    expect(frame.model.length).toBe(0);
    expect(frame.freshDistance).toBeCloseTo(nearestPoints(fresh, 120, training, 120).mean, 12);
    expect(frame.copiesDistance).toBeLessThan(0.01);
    expect(frame.copiesDistance).toBeLessThan(frame.freshDistance / 10);
  });

  it("prints the distances of the frame, and draws one line per point of the view when asked", () => {
    const text = readoutOf(frame, options);
    expect(text).toContain(`new data ${frame.freshDistance.toFixed(3)}`);
    expect(text).toContain(`copies ${frame.copiesDistance.toFixed(3)}`);
    expect(text).toContain("model –");
    const figure = dataGallery.render(frame, options, {view: "copies", nearest: true});
    const links = figure.querySelectorAll('g[aria-label="link"] line, g[aria-label="link"] path');
    expect(links.length).toBe(viewOf(frame, "copies").points.length / 2);
    const plain = dataGallery.render(frame, options, {view: "data", nearest: false});
    expect(plain.querySelectorAll('g[aria-label="link"]').length).toBe(0);
    expect(dataGallery.render(frame, options, {view: "model", nearest: true}).textContent).toContain("computed live");
  });

  it("describes its numbers for a screen reader", () => {
    expect(dataGallery.describe!(frame, options, state)).toContain(frame.freshDistance.toFixed(3));
  });
});

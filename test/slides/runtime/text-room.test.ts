import {describe, expect, it} from "vitest";
import {makeRoomForText, overhangOf, roomStyle} from "../../../slides/runtime/text-room.ts";

const rect = (left: number, top: number, width: number, height: number) =>
  ({left, top, width, height, right: left + width, bottom: top + height, x: left, y: top}) as DOMRectReadOnly;

/** A figure whose frame holds an SVG `width` units wide, laid out at `shown` CSS px, with one text at `text`. */
function figureWith(width: number, shown: DOMRectReadOnly, text: () => DOMRectReadOnly): HTMLElement {
  const figure = document.createElement("figure");
  figure.innerHTML = `<div class="demo-output"><div class="demo-frame"><svg width="${width}" height="300"><text>dM/dt = 0.01</text></svg></div></div>`;
  figure.querySelector("svg")!.getBoundingClientRect = () => shown as DOMRect;
  figure.querySelector("text")!.getBoundingClientRect = () => text() as DOMRect;
  return figure;
}

describe("text room in the reading view", () => {
  it("leaves each side's overhang around the frame, in shares of the column", () => {
    // 400 units of frame, 50 more on the left and 50 on the right: the frame takes 80 % of the column.
    expect(roomStyle(400, {left: 50, right: 50, top: 20, bottom: 0})).toEqual({
      width: "80.000%",
      margin: "4.000% 10.000% 0.000% 10.000%"
    });
  });

  it("measures overhang in the SVG's own units", () => {
    // Shown at half its size (2 units a pixel): a text 40 px past the right edge is 80 units past it.
    const overhang = overhangOf(rect(0, 0, 215, 150), [rect(100, -5, 155, 20)], 2);
    expect(overhang).toEqual({left: 0, right: 80, top: 10, bottom: 0});
  });

  it("narrows the frame so that a readout past its SVG fits, and never narrows it back", () => {
    let text = rect(10, 10, 245, 20); // right edge at 255 px, 40 px past the SVG's 215
    const figure = figureWith(430, rect(0, 0, 215, 150), () => text);
    const frame = figure.querySelector<HTMLElement>(".demo-frame")!;
    makeRoomForText(figure);
    expect(frame.style.width).toBe(`${((100 * 430) / 510).toFixed(3)}%`);
    expect(frame.style.margin).toBe(`0% ${((100 * 80) / 510).toFixed(3)}% 0% 0%`);
    // A shorter readout later keeps the room (no jumping), a longer one gets more.
    text = rect(10, 10, 100, 20);
    makeRoomForText(figure);
    expect(frame.style.width).toBe(`${((100 * 430) / 510).toFixed(3)}%`);
    text = rect(10, 10, 265, 20);
    makeRoomForText(figure);
    expect(frame.style.width).toBe(`${((100 * 430) / 550).toFixed(3)}%`);
  });

  it("gives a side panel's SVG, outside any frame, its room itself", () => {
    const figure = document.createElement("figure");
    figure.innerHTML = `<div class="demo-output"><svg width="360" height="200"><text>3000</text></svg></div>`;
    const svg = figure.querySelector("svg")!;
    svg.getBoundingClientRect = () => rect(0, 0, 360, 200) as DOMRect;
    figure.querySelector("text")!.getBoundingClientRect = () => rect(340, 180, 24, 20) as DOMRect;
    makeRoomForText(figure);
    expect(svg.style.width).toBe(`${((100 * 360) / 364).toFixed(3)}%`);
  });

  it("leaves a frame whose text fits alone", () => {
    const figure = figureWith(430, rect(0, 0, 215, 150), () => rect(10, 10, 100, 20));
    makeRoomForText(figure);
    expect(figure.querySelector<HTMLElement>(".demo-frame")!.style.width).toBe("");
  });

  it("refuses a bad width or overhang", () => {
    expect(() => roomStyle(0, {left: 0, right: 0, top: 0, bottom: 0})).toThrow(/invalid width/);
    expect(() => roomStyle(10, {left: -1, right: 0, top: 0, bottom: 0})).toThrow(/invalid overhang left/);
  });
});

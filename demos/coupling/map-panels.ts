/**
 * The two panels deck 2 draws a coupling layer with (nice-shear, realnvp-layer): the noise side z (left: the straight
 * grid, N(0, I)'s contours in the source colour and log|det J_f(z)| from demos/layers/log-det.ts) and the data side
 * x = f(z) (right: the same grid pushed through f and the pushed density p_X in the model colour). Both on [−3, 3]².
 */
import * as Plot from "@observablehq/plot";
import {svgColor} from "../layers/conventions.ts";
import {densityContours, densityRaster} from "../layers/density.ts";
import {figure} from "../layers/figure.ts";
import {logDetRaster} from "../layers/log-det.ts";
import {gridLines, warpedGrid, type GridLines} from "../layers/warped-grid.ts";
import {
  couplingGrids,
  largest,
  logStandardNormal,
  mapPoints,
  type CouplingStack,
  type SquareGrid
} from "./slider-coupling.ts";

/** The plane of both panels: [−HALF, HALF]². */
export const HALF = 3;
/** Cells per side of the density and log-det grids. */
export const CELLS = 60;
/** Grid lines per direction. */
const LINES = 13;
/** Each panel in slide pixels: two side by side fit the 640 px figure column. */
const PANEL: readonly [number, number] = [304, 370];
const MARGINS = {marginTop: 40, marginRight: 8, marginBottom: 44, marginLeft: 8};
/** |log|det J|| drawn at full tint: one scale for every slider setting. */
export const LOG_DET_LIMIT = 1.5;

/** What both panels need, computed on the page (a few thousand closed-form evaluations). */
export interface CouplingView {
  noiseGrid: GridLines;
  pushedGrid: GridLines;
  /** p_Z at the cell centres of the noise plane. */
  prior: SquareGrid;
  /** p_X at the cell centres of the data plane, by the exact inverse. */
  density: SquareGrid;
  /** det J_f(z) at the cell centres of the noise plane. */
  det: SquareGrid;
  /** The largest p_Z and p_X on their grids. */
  priorPeak: number;
  pushedPeak: number;
  /** The smallest and largest log|det J_f| on the grid. */
  logDetMin: number;
  logDetMax: number;
}

/** p_Z = N(0, I) at the cell centres. */
function priorGrid(): SquareGrid {
  const {density} = couplingGrids([], CELLS, HALF);
  return density;
}

let prior: SquareGrid | undefined;

/** The view of a stack of coupling layers. */
export function couplingView(stack: CouplingStack): CouplingView {
  prior ??= priorGrid();
  const noiseGrid = gridLines([-HALF, HALF, -HALF, HALF], LINES, 49);
  const pushedGrid = {...noiseGrid, values: mapPoints(stack, noiseGrid.values)};
  const {density, det} = couplingGrids(stack, CELLS, HALF);
  let logDetMin = Infinity;
  let logDetMax = -Infinity;
  for (const d of det.values) {
    logDetMin = Math.min(logDetMin, Math.log(d));
    logDetMax = Math.max(logDetMax, Math.log(d));
  }
  return {
    noiseGrid,
    pushedGrid,
    prior,
    density,
    det,
    priorPeak: largest(prior.values),
    pushedPeak: largest(density.values),
    logDetMin,
    logDetMax
  };
}

/** The exact peak of N(0, I) in 2D, 1/(2π). */
export const PRIOR_PEAK = Math.exp(logStandardNormal(0, 0));

function panel(label: string, title: string, footer: string, marks: Plot.Markish[]) {
  return figure({
    label,
    size: PANEL,
    equal: true,
    ...MARGINS,
    x: {domain: [-HALF, HALF], axis: null},
    y: {domain: [-HALF, HALF], axis: null},
    marks: [
      ...marks,
      Plot.frame({stroke: svgColor("muted"), strokeOpacity: 0.5}),
      Plot.text([title], {frameAnchor: "top", dy: -24, fontSize: 22}),
      Plot.text([footer], {frameAnchor: "bottom", dy: 26, fontSize: 19})
    ]
  });
}

/** Texts of the two panels. */
export interface PanelTexts {
  noiseTitle: string;
  noiseFooter: string;
  dataTitle: string;
  dataFooter: string;
}

/** The two panels, noise left, data right, in one element. */
export function couplingPanels(view: CouplingView, texts: PanelTexts): HTMLElement {
  const noise = panel(`${texts.noiseTitle}: ${texts.noiseFooter}`, texts.noiseTitle, texts.noiseFooter, [
    logDetRaster(view.det, {limit: LOG_DET_LIMIT}),
    warpedGrid(view.noiseGrid, {color: "muted", strokeWidth: 1}),
    densityContours(view.prior, {kind: "source", thresholds: 4, strokeWidth: 1.5})
  ]);
  const data = panel(`${texts.dataTitle}: ${texts.dataFooter}`, texts.dataTitle, texts.dataFooter, [
    densityRaster(view.density, {color: "model", max: Math.max(view.pushedPeak, view.priorPeak), opacity: 0.8}),
    Plot.line(
      Array.from({length: view.pushedGrid.lines * view.pushedGrid.points}, (_, i) => i),
      {
        x: (i: number) => view.pushedGrid.values[2 * i],
        y: (i: number) => view.pushedGrid.values[2 * i + 1],
        z: (i: number) => Math.floor(i / view.pushedGrid.points),
        stroke: svgColor("muted"),
        strokeWidth: 1,
        strokeOpacity: 0.8,
        clip: true
      }
    )
  ]);
  const panels = document.createElement("div");
  panels.className = "demo-panels panels-natural panels-ltr";
  panels.append(noise, data);
  return panels;
}

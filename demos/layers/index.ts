// The figure layers every deck shares: one house figure and small factories of Plot marks and canvas painters.
export {figure, figureFontSize, figureSizes, type FigureOptions, type FigureSize} from "./figure.ts";
export {paddedExtent, type Extent, type Grid, type Points} from "./data.ts";
export {conditionalDash, endSymbol, type Kind} from "./conventions.ts";
export {paintParticles, particles, type ParticlesOptions} from "./particles.ts";
export {paintTrajectories, trajectories, type TrajectoriesOptions} from "./trajectories.ts";
export {arrowField, arrowsOf, paintArrowField, type ArrowFieldOptions} from "./arrows.ts";
export {densityContours, densityRaster, type DensityContoursOptions, type DensityRasterOptions} from "./density.ts";
export {gridLines, paintWarpedGrid, warpedGrid, type GridLines, type WarpedGridOptions} from "./warped-grid.ts";
export {binsOf, histogram, type HistogramOptions} from "./histogram.ts";
export {lossCurve, type LossCurveOptions} from "./loss-curve.ts";
export {
  energyBars,
  energyNames,
  energySegments,
  energyStyles,
  type EnergyBar,
  type EnergyBarsOptions,
  type EnergySegment
} from "./energy-bars.ts";
export {handles, type Handle, type HandlesOptions} from "./handles.ts";

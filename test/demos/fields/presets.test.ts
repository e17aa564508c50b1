import {describe, expect, it} from "vitest";
import {fieldPresetNames} from "../../../engine/fields/presets.ts";
import {fieldGrid, presetField, presetOption, presetTex, presetText} from "../../../demos/fields/presets.ts";

describe("deck-3 field presets", () => {
  it("every engine preset has a formula in TeX and in text", () => {
    expect(Object.keys(presetTex).sort()).toEqual([...fieldPresetNames].sort());
    expect(Object.keys(presetText).sort()).toEqual([...fieldPresetNames].sort());
  });

  it("fieldGrid() samples u_t at the cell centres, rows from the bottom", () => {
    const grid = fieldGrid(presetField("rotation", 2), 0, 3, [-3, 3, -3, 3]);
    // cell (ix 2, iy 0) has centre (2, -2): the rotation gives 2·(2, 2)
    expect([grid.values[4], grid.values[5]]).toEqual([4, 4]);
    expect(grid.values.length).toBe(18);
  });

  it("presetOption() offers only the listed presets", () => {
    const option = presetOption("sink", "a field", ["sink", "source"]);
    expect(option.choices).toEqual(["sink", "source"]);
    expect(option.default).toBe("sink");
  });
});

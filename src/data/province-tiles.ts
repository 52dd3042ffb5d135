/**
 * Tile-grid positions for the province map: one equal square per division, placed
 * roughly where it lies (columns west → east, rows north → south). Not a geographic
 * map: neighbours stay neighbours where a grid allows, sizes and borders are ignored.
 */
import { PROVINCES } from './provinces.ts';

/** Columns and rows of the grid. */
export const TILE_GRID = { columns: 9, rows: 8 } as const;

/** [column, row], both from 0, by province slug. */
export const PROVINCE_TILES: Readonly<Record<string, readonly [column: number, row: number]>> = {
  heilongjiang: [8, 0],
  xinjiang: [0, 1],
  bingtuan: [1, 1],
  neimenggu: [4, 1],
  beijing: [6, 1],
  liaoning: [7, 1],
  jilin: [8, 1],
  gansu: [2, 2],
  ningxia: [3, 2],
  shanxi: [4, 2],
  hebei: [5, 2],
  tianjin: [6, 2],
  qinghai: [2, 3],
  shaanxi: [3, 3],
  henan: [4, 3],
  shandong: [5, 3],
  xizang: [1, 4],
  sichuan: [2, 4],
  chongqing: [3, 4],
  hubei: [4, 4],
  anhui: [5, 4],
  jiangsu: [6, 4],
  shanghai: [7, 4],
  yunnan: [2, 5],
  guizhou: [3, 5],
  hunan: [4, 5],
  jiangxi: [5, 5],
  zhejiang: [6, 5],
  guangxi: [3, 6],
  guangdong: [4, 6],
  fujian: [5, 6],
  taiwan: [6, 6],
  hainan: [3, 7],
  aomen: [4, 7],
  xianggang: [5, 7],
};

/** Every division with its tile, in reading order (row by row, west to east): the map's tab order. */
export const TILES = PROVINCES.map((province) => {
  const tile = PROVINCE_TILES[province.slug];
  if (!tile) throw new Error(`No map tile for province "${province.slug}"`);
  return { province, column: tile[0], row: tile[1] };
}).sort((a, b) => a.row - b.row || a.column - b.column);

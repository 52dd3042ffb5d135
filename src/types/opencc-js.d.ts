/** OpenCC's dictionaries as opencc-js ships them: `"trad simp1 simp2|trad simp|…"`. */
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}

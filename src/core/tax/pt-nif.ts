// First digits the Portuguese tax authority assigns: individuals 1–3, non-resident individuals 45,
// companies 5, public bodies 6, special entities 70–79 (except 73, 76, 78), sole traders 8,
// irregular and non-resident entities 90, 91, 98, 99.
const ptLeading = /^(1|2|3|45|5|6|70|71|72|74|75|77|79|8|90|91|98|99)/;

/** Portuguese NIF: 9 digits, a valid leading group, mod-11 check digit (10 counts as 0). */
export function isValidPortugueseNif(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || !ptLeading.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  const rest = sum % 11;
  const check = rest < 2 ? 0 : 11 - rest;
  return check === Number(digits[8]);
}

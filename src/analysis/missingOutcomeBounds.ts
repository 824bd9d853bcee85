/**
 * Worst- and best-case bounds on the crude risk difference of work or education
 * (hybrid − usual) for the users whose outcome is not registered (Horowitz–Manski
 * style): each group's not registered counted as all in work or education or all
 * not, the two extreme combinations. Null when a group has no users.
 */
export function missingOutcomeBounds(
  hybrid: { positive: number; registered: number; notRegistered: number },
  usual: { positive: number; registered: number; notRegistered: number },
): { lower: number | null; upper: number | null } {
  const nh = hybrid.registered + hybrid.notRegistered;
  const nu = usual.registered + usual.notRegistered;
  if (nh === 0 || nu === 0) return { lower: null, upper: null };
  return {
    lower: hybrid.positive / nh - (usual.positive + usual.notRegistered) / nu,
    upper: (hybrid.positive + hybrid.notRegistered) / nh - usual.positive / nu,
  };
}

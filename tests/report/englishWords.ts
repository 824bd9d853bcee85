/**
 * English-only words, for finding English in a Bokmål or Nynorsk report. Drawn from
 * the English templates and dictionary (warningCatalogue's en, ingest's messages, i18n's
 * en): every word they use, less method and person names (Fisher, Wald, Efron, Pearson),
 * abbreviations (CI, df, SD, vs), design terms (genderF) and words that are Norwegian too
 * (data, fast, full, gave, by, no, so, set, best, normal, odds, ratio, margin, minimum,
 * positive, negative, analyse, personal, estimator, monotone, time, end …). tests/report/noEnglish.test.ts
 * checks that each word here occurs in an English report or template.
 */
export const ENGLISH_ONLY: ReadonlySet<string> = new Set(
  `about accepted accordingly accounting across add added adjusted adjustment after against age aliased allow already also
  among an analysed analyses analysis and any appears applied apprenticeship approximation are as associated augmented
  average away based baseline because been before being below benefit between beyond both bounds built but bytes can
  cannot carry caseloads categories category causal cause cell cells censored censoring cent characteristics characters
  check checked chi choose chose closed closer closing cluster clustered clustering clusters coarsened coefficient
  coefficients collinear column columns comma common commonly comparable compared compares comparisons competing complete
  computed conditional confidence confounder conservative constant contains content continuity control converge converged
  correction could counsellor counsellors count counted counts covariance covariate covariates crude cumulative curve
  curves days decided decimal declared default degrees delimiter detects did difference differences different disclosure
  diverge diverges does dot doubly drawn draws dropped each easier education effect effective effects either empty
  encoding ended ends enumeration equal equations error errors estimable estimate estimated estimates estimating
  event events every exact exactly expected explain export falls feasible female few fewer field fields figure file
  first fits fitted fixed folder follow followed following footnotes freedom from gender generalised generalized give
  given gives group groups had has have hazard header health here hidden higher holds homogeneity horizon how ids if
  ignored imbalance in incidence incidences includes infinite information informative intercept interest internal
  interval intervals into inverse is it iterations its itself job joined judgement keeps kept known label labels lack
  lacks large largest latest least leaves left less level likely limit line lines lists little locally lock logistic
  long looks main make many margins matrix may mean means measure merged method middle missing mix model models month
  months more motivation much multinomial name naming narrow near needed needs neither never next none normalised not
  notes nothing number numerically occur occurred occurs of offices on one only open opened other others otherwise
  outcome outcomes own parse partial percentage percentages percentile perfectly persons points pooled poor power
  predicted prediction prefix primary prior probabilities probability propensity publication published quote quoted
  random rather ratios reach reached read reading reasons record reduced reference registered regression rejected
  reliable remaining remove repaired replicate replicates report reported reports required resample resampled resamples
  resampling resemble residual rests result results resumed risk rounded rounding row rows run runs safe sample sampling
  scale scan scores see seed selected selection semicolon separates separation share shares show shown shows sided sign
  since singular size skipped small smaller smallest some sources sparse specific spellings spreadsheet square stacked
  standardised stands starting starts statistic statistics step stratified subdistribution subset such suppressed
  suppression table tables taken tell tends tested testing tests text than that the their them there these they this
  those thought thousands ties times title together too totals treated two unbalanced unique unmeasured unquoted up
  usable used user users usual valid value values variable variance variation warnings was weaker weight weighted
  weighting weights were what when where whether which while whole whom whose width with withheld within without women
  work workbook worked worst would written yet zero
  office undefined`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/**
 * The prose of a report, without what is not words of its language: values quoted
 * from the input («…», "…"), codes with their context (EXPECTED_BELOW_5 (outcomes.chiSquare)),
 * command-line options, file paths and names, identifiers (person_id), R's package::function,
 * and model formulas (work_or_education ~ group + office + age).
 */
function prose(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/«[^»]*»|"[^"]*"/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b(?: \([^)]*\))?/g, ' ')
    .replace(/--id-scope (?:office|global)\b/g, ' ')
    .replace(/--[a-z][a-z-]*/g, ' ')
    .replace(/\bhybrid-eval(?: [a-z]+)?/g, ' ')
    .replace(/\S*[/\\]\S*|\S+\.(?:csv|tsv|txt|xlsx|json|gz|docx|md)\b/gi, ' ')
    .replace(/\w+::\w+/g, ' ')
    .replace(/\S+ ~ \S+(?: \+ \S+)*/g, ' ')
    .replace(/\S+(?: \+ \S+)+/g, ' ')
    .replace(/\S*_\S*/g, ' ');
}

/** The English-only words in a text's prose, each once, in order of appearance. */
export function englishWords(text: string): string[] {
  const words =
    prose(text)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  return [...new Set(words.filter((w) => ENGLISH_ONLY.has(w)))];
}

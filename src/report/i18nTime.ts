/** Words of the time-to-outcome tables and figure, per language (each dictionary complete). */
export interface TimeWords {
  tIncidence: string;
  tComparisons: string;
  /** Column head for a horizon. */
  months: (m: number) => string;
  group: string;
  atRisk: string;
  grayTest: string;
  causeSpecificHr: string;
  subdistributionHr: string;
  weightedDifference: (months: number) => string;
  reasons: Record<'missingStartDate' | 'endBeforeStart' | 'startAfterExtraction', string>;
  /** `date` is formatted; null when the data hold no date. */
  fnOrigin: (date: string | null, fromData: boolean) => string;
  fnAalenJohansen: string;
  fnExcluded: (parts: string) => string;
  fnCensored: (hybrid: string, usual: string) => string;
  fnBeyond: string;
  fnMonthly: (minCell: number) => string;
  /** `parts`: each group's months left out, e.g. "hybrid model 3, 5". */
  fnMonthsLeftOut: (parts: string) => string;
  fnGray: string;
  fnCox: (covariates: string, n: string, events: string, clusters: string, by: 'counsellor' | 'office') => string;
  fnFineGray: (covariates: string) => string;
  fnWeighted: (n: string, ess: string, replicates: number, failed: string, seed: number, by: 'counsellor' | 'office') => string;
  fnComparisonsWithheld: (minCell: number) => string;
  fnWeightedWithheld: string;
  /** Reading the cause-specific and subdistribution hazard ratios. */
  fnReading: string;
  chartTitle: string;
  chartMonths: string;
  chartAxis: string;
  /** Said under a chart with no published curve. */
  chartNothing: string;
}

const covariatesOr = (covariates: string, none: string) => (covariates === '' ? none : covariates);

export const TIME_WORDS: Record<'en' | 'nb' | 'nn', TimeWords> = {
  en: {
    tIncidence: 'Cumulative incidence of each outcome by months since start, % (95 % CI)',
    tComparisons: 'Time to work or education: hybrid vs as usual',
    months: (m) => (m === 1 ? '1 month' : `${m} months`),
    group: 'Group',
    atRisk: 'At risk',
    grayTest: "Gray's test (χ²)",
    causeSpecificHr: 'Cause-specific hazard ratio, adjusted',
    subdistributionHr: 'Subdistribution hazard ratio (Fine–Gray), adjusted',
    weightedDifference: (m) => `Difference at ${m} months, weighted (pp)`,
    reasons: { missingStartDate: 'no start date', endBeforeStart: 'end date before start date', startAfterExtraction: 'start after the extraction date' },
    fnOrigin: (date, fromData) =>
      `Time runs from the start date to the end date. Follow-up without a registered outcome, or without an end date, is censored at the extraction date${date === null ? '' : `, ${date}`}${fromData ? ' (the latest date in the data; set it with --extraction-date)' : ''}.`,
    fnAalenJohansen:
      'Cumulative incidence by the Aalen–Johansen estimator, with none as a competing outcome (it ends follow-up without work or education), and a 95 % CI on the log scale, as R survival::survfit. A month is 365.25/12 days. At risk: persons still followed at that time.',
    fnExcluded: (parts) => `Left out of these analyses (hybrid model / as usual): ${parts}.`,
    fnCensored: (hybrid, usual) => `Censored at the extraction date: ${hybrid} hybrid and ${usual} as-usual users.`,
    fnBeyond: '–: no user in the group is followed that long.',
    fnMonthly: (minCell) =>
      `Disclosure control: times are published in whole months, and a month whose step rests on fewer than ${minCell} events, or whose number at risk is below ${minCell} or falls by fewer than ${minCell}, is left out of the curve (the time is coarsened); such cells are shown as ":".`,
    fnMonthsLeftOut: (parts) => `Months left out of the curves (each joined to the next published month): ${parts}.`,
    fnGray: "Gray's test compares the two groups' cumulative incidence of work or education, none competing (R cmprsk::cuminc).",
    fnCox: (covariates, n, events, clusters, by) =>
      `Cause-specific hazard ratio: Cox regression of work or education (none and censoring end follow-up), adjusted for ${covariatesOr(covariates, 'no covariates')}, stratified by office, Efron ties, robust variance clustered by ${by} (${clusters} clusters), as R survival::coxph; ${n} users, ${events} in work or education.`,
    fnFineGray: (covariates) =>
      `Subdistribution hazard ratio: Fine–Gray regression with none competing, adjusted for ${covariatesOr(covariates, 'no covariates')} and office, as R cmprsk::crr; its variance does not allow for clustering by counsellor.`,
    fnWeighted: (n, ess, replicates, failed, seed, by) =>
      `Weighted difference: hybrid users' cumulative incidence of work or education less that of the as-usual users weighted to resemble them (ATT weights from a logistic model of group on office and the covariates; ${n} users, effective number of as-usual users ${ess}), in percentage points. Percentile 95 % CI from ${replicates} bootstrap replicates resampling ${by === 'counsellor' ? 'counsellors within offices' : 'offices'}, seed ${seed}${failed === '0' ? '' : `; ${failed} replicates without an estimate are left out`}.`,
    fnComparisonsWithheld: (minCell) =>
      `Disclosure control: the comparisons are withheld because a group has fewer than ${minCell} users, or fewer than ${minCell} in work or education.`,
    fnWeightedWithheld: 'Disclosure control: a weighted difference is withheld at a month where a group’s cumulative incidence is hidden.',
    fnReading:
      'The cause-specific hazard ratio compares how fast users reach work or education while still followed; the subdistribution hazard ratio compares the cumulative incidence itself. Selection into the hybrid model was not random, so neither is a causal effect.',
    chartTitle: 'Work or education by months since start (cumulative incidence)',
    chartMonths: 'Months since start',
    chartAxis: 'Cumulative incidence (%)',
    chartNothing: 'No curve can be published.',
  },
  nb: {
    tIncidence: 'Kumulativ insidens av hvert utfall etter måneder siden oppstart, % (95 % KI)',
    tComparisons: 'Tid til arbeid eller utdanning: hybridmodellen mot som vanlig',
    months: (m) => `${m} mnd.`,
    group: 'Gruppe',
    atRisk: 'Under oppfølging',
    grayTest: 'Grays test (χ²)',
    causeSpecificHr: 'Årsaksspesifikk hasardratio, justert',
    subdistributionHr: 'Subdistribusjons-hasardratio (Fine–Gray), justert',
    weightedDifference: (m) => `Forskjell etter ${m} mnd., vektet (pp)`,
    reasons: { missingStartDate: 'mangler startdato', endBeforeStart: 'sluttdato før startdato', startAfterExtraction: 'start etter uttrekksdatoen' },
    fnOrigin: (date, fromData) =>
      `Tiden regnes fra startdato til sluttdato. Oppfølging uten registrert utfall, eller uten sluttdato, sensureres ved uttrekksdatoen${date === null ? '' : `, ${date}`}${fromData ? ' (den seneste datoen i dataene; angis med --extraction-date)' : ''}.`,
    fnAalenJohansen:
      'Kumulativ insidens med Aalen–Johansen-estimatoren, med ingen av delene som konkurrerende utfall (det avslutter oppfølgingen uten arbeid eller utdanning), og 95 % KI på log-skala, som R survival::survfit. En måned er 365,25/12 dager. Under oppfølging: personer som fortsatt følges på tidspunktet.',
    fnExcluded: (parts) => `Utelatt fra disse analysene (hybridmodellen / som vanlig): ${parts}.`,
    fnCensored: (hybrid, usual) => `Sensurert ved uttrekksdatoen: ${hybrid} brukere i hybridmodellen og ${usual} med oppfølging som vanlig.`,
    fnBeyond: '–: ingen bruker i gruppen følges så lenge.',
    fnMonthly: (minCell) =>
      `Avsløringskontroll: tider publiseres i hele måneder, og en måned der trinnet bygger på færre enn ${minCell} hendelser, eller der antallet under oppfølging er under ${minCell} eller faller med færre enn ${minCell}, utelates fra kurven (tiden grovinndeles); slike celler vises som «:».`,
    fnMonthsLeftOut: (parts) => `Måneder utelatt fra kurvene (hver slått sammen med neste publiserte måned): ${parts}.`,
    fnGray: 'Grays test sammenligner gruppenes kumulative insidens av arbeid eller utdanning, med ingen av delene som konkurrerende utfall (R cmprsk::cuminc).',
    fnCox: (covariates, n, events, clusters, by) =>
      `Årsaksspesifikk hasardratio: Cox-regresjon av arbeid eller utdanning (ingen av delene og sensur avslutter oppfølgingen), justert for ${covariatesOr(covariates, 'ingen kovariater')}, stratifisert på kontor, Efrons metode for like tider, robust varians gruppert på ${by === 'counsellor' ? 'veileder' : 'kontor'} (${clusters} klynger), som R survival::coxph; ${n} brukere, ${events} i arbeid eller utdanning.`,
    fnFineGray: (covariates) =>
      `Subdistribusjons-hasardratio: Fine–Gray-regresjon med ingen av delene som konkurrerende utfall, justert for ${covariatesOr(covariates, 'ingen kovariater')} og kontor, som R cmprsk::crr; variansen tar ikke hensyn til gruppering på veileder.`,
    fnWeighted: (n, ess, replicates, failed, seed, by) =>
      `Vektet forskjell: kumulativ insidens av arbeid eller utdanning blant brukerne i hybridmodellen minus blant brukerne med oppfølging som vanlig, vektet slik at de ligner dem (ATT-vekter fra en logistisk modell for gruppe med kontor og kovariatene; ${n} brukere, effektivt antall med oppfølging som vanlig ${ess}), i prosentpoeng. 95 % persentil-KI fra ${replicates} bootstrap-replikater som trekker ${by === 'counsellor' ? 'veiledere innen kontor' : 'kontorer'}, frø ${seed}${failed === '0' ? '' : `; ${failed} replikater uten estimat er utelatt`}.`,
    fnComparisonsWithheld: (minCell) =>
      `Avsløringskontroll: sammenligningene holdes tilbake fordi en gruppe har færre enn ${minCell} brukere, eller færre enn ${minCell} i arbeid eller utdanning.`,
    fnWeightedWithheld: 'Avsløringskontroll: en vektet forskjell holdes tilbake for en måned der en gruppes kumulative insidens er skjult.',
    fnReading:
      'Den årsaksspesifikke hasardratioen sammenligner hvor raskt brukerne kommer i arbeid eller utdanning mens de fortsatt følges; subdistribusjons-hasardratioen sammenligner selve den kumulative insidensen. Utvelgelsen til hybridmodellen var ikke tilfeldig, så ingen av dem er en kausal effekt.',
    chartTitle: 'Arbeid eller utdanning etter måneder siden oppstart (kumulativ insidens)',
    chartMonths: 'Måneder siden oppstart',
    chartAxis: 'Kumulativ insidens (%)',
    chartNothing: 'Ingen kurve kan publiseres.',
  },
  nn: {
    tIncidence: 'Kumulativ insidens av kvart utfall etter månader sidan oppstart, % (95 % KI)',
    tComparisons: 'Tid til arbeid eller utdanning: hybridmodellen mot som vanleg',
    months: (m) => `${m} mnd.`,
    group: 'Gruppe',
    atRisk: 'Under oppfølging',
    grayTest: 'Grays test (χ²)',
    causeSpecificHr: 'Årsaksspesifikk hasardratio, justert',
    subdistributionHr: 'Subdistribusjons-hasardratio (Fine–Gray), justert',
    weightedDifference: (m) => `Skilnad etter ${m} mnd., vekta (pp)`,
    reasons: { missingStartDate: 'manglar startdato', endBeforeStart: 'sluttdato før startdato', startAfterExtraction: 'start etter uttrekksdatoen' },
    fnOrigin: (date, fromData) =>
      `Tida blir rekna frå startdato til sluttdato. Oppfølging utan registrert utfall, eller utan sluttdato, blir sensurert ved uttrekksdatoen${date === null ? '' : `, ${date}`}${fromData ? ' (den seinaste datoen i dataa; kan setjast med --extraction-date)' : ''}.`,
    fnAalenJohansen:
      'Kumulativ insidens med Aalen–Johansen-estimatoren, med ingen av delane som konkurrerande utfall (det avsluttar oppfølginga utan arbeid eller utdanning), og 95 % KI på log-skala, som R survival::survfit. Ein månad er 365,25/12 dagar. Under oppfølging: personar som framleis blir følgde på tidspunktet.',
    fnExcluded: (parts) => `Utelate frå desse analysane (hybridmodellen / som vanleg): ${parts}.`,
    fnCensored: (hybrid, usual) => `Sensurert ved uttrekksdatoen: ${hybrid} brukarar i hybridmodellen og ${usual} med oppfølging som vanleg.`,
    fnBeyond: '–: ingen brukar i gruppa blir følgd så lenge.',
    fnMonthly: (minCell) =>
      `Avsløringskontroll: tider blir publiserte i heile månader, og ein månad der trinnet byggjer på færre enn ${minCell} hendingar, eller der talet under oppfølging er under ${minCell} eller fell med færre enn ${minCell}, blir utelaten frå kurva (tida blir grovinndelt); slike celler blir viste som «:».`,
    fnMonthsLeftOut: (parts) => `Månader utelatne frå kurvene (kvar slegen saman med neste publiserte månad): ${parts}.`,
    fnGray:
      'Grays test samanliknar den kumulative insidensen av arbeid eller utdanning i gruppene, med ingen av delane som konkurrerande utfall (R cmprsk::cuminc).',
    fnCox: (covariates, n, events, clusters, by) =>
      `Årsaksspesifikk hasardratio: Cox-regresjon av arbeid eller utdanning (ingen av delane og sensur avsluttar oppfølginga), justert for ${covariatesOr(covariates, 'ingen kovariatar')}, stratifisert på kontor, Efrons metode for like tider, robust varians gruppert på ${by === 'counsellor' ? 'rettleiar' : 'kontor'} (${clusters} klynger), som R survival::coxph; ${n} brukarar, ${events} i arbeid eller utdanning.`,
    fnFineGray: (covariates) =>
      `Subdistribusjons-hasardratio: Fine–Gray-regresjon med ingen av delane som konkurrerande utfall, justert for ${covariatesOr(covariates, 'ingen kovariatar')} og kontor, som R cmprsk::crr; variansen tek ikkje omsyn til gruppering på rettleiar.`,
    fnWeighted: (n, ess, replicates, failed, seed, by) =>
      `Vekta skilnad: kumulativ insidens av arbeid eller utdanning blant brukarane i hybridmodellen minus blant brukarane med oppfølging som vanleg, vekta slik at dei liknar dei (ATT-vekter frå ein logistisk modell for gruppe med kontor og kovariatane; ${n} brukarar, effektivt tal med oppfølging som vanleg ${ess}), i prosentpoeng. 95 % persentil-KI frå ${replicates} bootstrap-replikat som trekkjer ${by === 'counsellor' ? 'rettleiarar innan kontor' : 'kontor'}, frø ${seed}${failed === '0' ? '' : `; ${failed} replikat utan estimat er utelatne`}.`,
    fnComparisonsWithheld: (minCell) =>
      `Avsløringskontroll: samanlikningane blir haldne tilbake fordi ei gruppe har færre enn ${minCell} brukarar, eller færre enn ${minCell} i arbeid eller utdanning.`,
    fnWeightedWithheld: 'Avsløringskontroll: ein vekta skilnad blir halden tilbake for ein månad der den kumulative insidensen til ei gruppe er skjult.',
    fnReading:
      'Den årsaksspesifikke hasardratioen samanliknar kor raskt brukarane kjem i arbeid eller utdanning medan dei framleis blir følgde; subdistribusjons-hasardratioen samanliknar sjølve den kumulative insidensen. Utveljinga til hybridmodellen var ikkje tilfeldig, så ingen av dei er ein kausal effekt.',
    chartTitle: 'Arbeid eller utdanning etter månader sidan oppstart (kumulativ insidens)',
    chartMonths: 'Månader sidan oppstart',
    chartAxis: 'Kumulativ insidens (%)',
    chartNothing: 'Inga kurve kan publiserast.',
  },
};

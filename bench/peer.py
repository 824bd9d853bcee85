"""The Python peer: the same analysis a researcher would script with pandas, SciPy and
statsmodels. Crude table and tests, CMH by office, adjusted logistic model with
counsellor-clustered standard errors. Usage: python3 bench/peer.py DIR"""
import glob
import sys

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable

files = sorted(glob.glob(f"{sys.argv[1]}/*.csv"))
d = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True)
reg = d[d["outcome"] != ""].copy()
tab = pd.crosstab(reg["group"], reg["outcome"]).reindex(index=["hybrid", "usual"], columns=["job", "apprenticeship", "education", "none"], fill_value=0)
chi2, p, dof, _ = stats.chi2_contingency(tab.values, correction=False)
reg["y"] = (reg["outcome"] != "none").astype(int)
reg["hybrid"] = (reg["group"] == "hybrid").astype(int)
m = pd.crosstab(reg["hybrid"], reg["y"]).reindex(index=[1, 0], columns=[1, 0], fill_value=0).values
stats.fisher_exact(m)
strata = [pd.crosstab(g["hybrid"], g["y"]).reindex(index=[1, 0], columns=[1, 0], fill_value=0).values.astype(float) for _, g in reg.groupby("office")]
cmh = StratifiedTable(strata).test_null_odds(correction=False)
reg["age"] = reg["age"].astype(float)
reg["prior_work"] = reg["prior_work"].astype(int)
fit = smf.glm("y ~ hybrid + C(office) + age + gender + prior_work", data=reg, family=__import__("statsmodels.api").api.families.Binomial()).fit(
    cov_type="cluster", cov_kwds={"groups": pd.factorize(reg["counsellor_id"])[0]}
)
b = fit.params["hybrid"]
se = fit.bse["hybrid"]
print(f"chisq {chi2:.6g} cmh {cmh.statistic:.6g} OR {np.exp(b):.6g} ({np.exp(b - 1.959964 * se):.6g}, {np.exp(b + 1.959964 * se):.6g})")

"""The OCOP rulebook as versioned data, one module per decision; a migration loads it into rows.

- qd1048: Decision 1048/QĐ-TTg (21/08/2019), amended by 781/QĐ-TTg (08/06/2020)
- qd148: Decision 148/QĐ-TTg (24/02/2023), amended by 1489/QĐ-TTg (06/07/2025) for the process
- periods: who recognises which stars in each period
"""
from evaluation.rulebook import periods, qd148, qd1048

CRITERIA_SETS = [qd1048, qd148]
PERIODS = periods.PERIODS

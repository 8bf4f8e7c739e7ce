"""Online payment of dossier fees through a bank payment gateway (the VNPay 2.1.0 protocol)."""
